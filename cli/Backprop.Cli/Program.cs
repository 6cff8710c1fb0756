using Backprop.Cli;

return App.RunConsole(args);
