using NotificationActors.FieldTrial.CommandLine;

return await FieldTrialCommand.InvokeAsync(args);
