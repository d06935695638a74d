using NotificationActors.Lab.CommandLine;

return await LabCommandLine.InvokeAsync(args);
