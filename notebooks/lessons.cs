// The lessons' tools: twins, refreshed outputs, student copies. From the repository root:
//
//     dotnet run notebooks/lessons.cs -- help
//
// The code is in lib/Backprop.Notebooks.Tools (LessonTool).
#:project ../lib/Backprop.Notebooks.Tools/Backprop.Notebooks.Tools.csproj

var folder = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;
return Backprop.Notebooks.Lessons.LessonTool.Run(folder, args);
