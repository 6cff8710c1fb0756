// The lessons' tools: twins, refreshed outputs, student copies. From the repository root:
//
//     dotnet run notebooks/lessons.cs -- help
//
// The code is in lib/Backprop.Notebooks/Lessons (LessonTool).
#:project ../lib/Backprop.Notebooks/Backprop.Notebooks.csproj

var folder = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Environment.CurrentDirectory;
return Backprop.Notebooks.Lessons.LessonTool.Run(folder, args);
