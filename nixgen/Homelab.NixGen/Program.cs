using Homelab.NixGen.Cli;

return new NixGenCommandLine(Console.Out, Console.Error).Run(args);
