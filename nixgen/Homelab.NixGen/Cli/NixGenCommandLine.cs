using System.CommandLine;
using Homelab.NixGen.Loading;
using Homelab.NixGen.Rendering;

namespace Homelab.NixGen.Cli;

/// <summary>
/// <c>nixgen render HOST.yaml -o DIR [--check]</c> and <c>nixgen schema</c>. Runs in-process with
/// injectable writers so tests exercise the real command line.
/// </summary>
internal sealed class NixGenCommandLine(TextWriter output, TextWriter error)
{
    public int Run(IReadOnlyList<string> args)
    {
        var root = Build();
        var parse = root.Parse(args);
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                error.WriteLine($"nixgen: {problem.Message}");
            }

            error.WriteLine("Run `nixgen --help` for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return parse.Invoke(invocation);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("nixgen bug:", StringComparison.Ordinal))
        {
            error.WriteLine(e.Message);
            return ExitCodes.Internal;
        }
    }

    private RootCommand Build()
    {
        var host = new Argument<FileInfo>("HOST.yaml") { Description = "The host description to render (see `nixgen schema`)." };
        var outputDir = new Option<DirectoryInfo>("--output", "-o")
        {
            Description = "Directory that receives configuration.nix, disko.nix, flake.nix and scripts/.",
            Required = true,
        };
        var check = new Option<bool>("--check")
        {
            Description = "Write nothing; exit 1 and print a diff when the directory differs from what HOST.yaml renders to.",
        };

        var render = new Command("render", "Render the NixOS foundation of a host.") { host, outputDir, check };
        render.SetAction(parse => Render(parse.GetRequiredValue(host), parse.GetRequiredValue(outputDir), parse.GetValue(check)));

        var schema = new Command("schema", "Print the JSON Schema of the host file.");
        schema.SetAction(_ =>
        {
            output.Write(EmbeddedText.Read("host.schema.json"));
            return ExitCodes.Ok;
        });

        return new RootCommand("nixgen: render the NixOS foundation (configuration.nix, disko.nix, flake.nix) of a homelab host.")
        {
            render,
            schema,
        };
    }

    private int Render(FileInfo hostFile, DirectoryInfo outputDirectory, bool check)
    {
        LoadResult loaded;
        try
        {
            loaded = HostFileLoader.LoadFile(hostFile.ToString());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"nixgen: cannot read {hostFile}: {e.Message}");
            return ExitCodes.IoError;
        }

        if (!loaded.Success)
        {
            foreach (var problem in loaded.Errors)
            {
                error.WriteLine(problem.ToString());
            }

            error.WriteLine($"nixgen: {loaded.Errors.Count} problem(s) in {hostFile}; nothing was written.");
            return ExitCodes.InvalidInput;
        }

        var files = HostRenderer.Render(loaded.Host!);
        try
        {
            if (check)
            {
                var diffs = OutputDirectory.Diff(outputDirectory.FullName, files);
                foreach (var diff in diffs)
                {
                    output.Write(diff);
                }

                if (diffs.Count > 0)
                {
                    error.WriteLine($"nixgen: {diffs.Count} file(s) in {outputDirectory} differ from {hostFile}; run `nixgen render {hostFile} -o {outputDirectory}` and commit the result.");
                    return ExitCodes.Drift;
                }

                error.WriteLine($"nixgen: {outputDirectory} is up to date.");
                return ExitCodes.Ok;
            }

            var written = OutputDirectory.Write(outputDirectory.FullName, files);
            error.WriteLine($"nixgen: wrote {written.Count} of {files.Count} file(s) to {outputDirectory}.");
            return ExitCodes.Ok;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error.WriteLine($"nixgen: cannot write to {outputDirectory}: {e.Message}");
            return ExitCodes.IoError;
        }
    }
}
