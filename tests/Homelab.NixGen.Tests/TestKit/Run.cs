using System.Diagnostics;

namespace Homelab.NixGen.Tests.TestKit;

/// <summary>Runs a real program (bash, nix-instantiate, sanoid) with an argv array and a controlled environment.</summary>
internal static class Run
{
    public static ProcessResult Process(string fileName, IEnumerable<string> args, IReadOnlyDictionary<string, string>? environment = null, string? workingDirectory = null, int timeoutMs = 60_000)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[key] = value;
        }

        using var process = System.Diagnostics.Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeoutMs))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in {timeoutMs} ms");
        }

        return new ProcessResult(process.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// nix-instantiate --parse FILE. NIX_STATE_DIR/HOME point at a temp dir so it works without a
    /// writable /nix/var (non-root CI) and leaves nothing behind.
    /// </summary>
    public static ProcessResult NixParse(string file, TempDir scratch) =>
        Process("nix-instantiate", ["--parse", file], NixEnvironment(scratch));

    public static Dictionary<string, string> NixEnvironment(TempDir scratch) => new()
    {
        ["HOME"] = scratch.Combine("home"),
        ["NIX_STATE_DIR"] = scratch.Combine("nix-state"),
        ["NIX_LOG_DIR"] = scratch.Combine("nix-log"),
        ["NIX_CONF_DIR"] = scratch.Combine("nix-conf"),
        ["XDG_CACHE_HOME"] = scratch.Combine("cache"),
    };
}
