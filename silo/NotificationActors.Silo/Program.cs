using NotificationActors.Silo.CommandLine;

return await SiloCommandLine.InvokeAsync(args);
