using PatchLab.Emulator.Cli;

return await PatchLabCli.RunAsync(args).ConfigureAwait(false);
