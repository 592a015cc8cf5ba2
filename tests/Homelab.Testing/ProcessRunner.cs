using System.Diagnostics;

namespace Homelab.Testing;

/// <summary>
/// The one process runner of the test suites: a program with an argv array (never a shell
/// string), optional environment changes (null value = remove the variable), stdin and a timeout.
/// </summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="fileName"/> with <paramref name="args"/> in the current directory and environment.</summary>
    public static ProcessResult Run(string fileName, params string[] args) => Run(fileName, args, workingDirectory: null);

    /// <summary>Like <see cref="Run(string, string[])"/>, but throws with the output when the program fails; returns stdout.</summary>
    public static string Check(string fileName, params string[] args)
    {
        var result = Run(fileName, args);
        return result.ExitCode == 0
            ? result.Stdout
            : throw new InvalidOperationException($"{fileName} {string.Join(' ', args)} exited {result.ExitCode}: {result.Stderr}");
    }

    public static ProcessResult Run(string fileName, IEnumerable<string> args, string? workingDirectory = null,
        IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null, string? stdin = null)
    {
        var psi = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory ?? Environment.CurrentDirectory,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        if (environment is not null)
        {
            foreach (var (k, v) in environment)
            {
                if (v is null)
                {
                    psi.Environment.Remove(k);
                }
                else
                {
                    psi.Environment[k] = v;
                }
            }
        }
        using var p = new Process { StartInfo = psi };
        var sw = Stopwatch.StartNew();
        p.Start();
        // Read both streams whole and exactly (no line splitting: tests compare bytes, CRs included).
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
        }
        p.StandardInput.Close();
        if (!p.WaitForExit(timeout ?? TimeSpan.FromMinutes(10)))
        {
            p.Kill(entireProcessTree: true);
            throw new TimeoutException($"{fileName} {string.Join(' ', args)} did not finish in time.");
        }
        p.WaitForExit();
        return new ProcessResult(p.ExitCode, stdout.Result, stderr.Result, sw.Elapsed);
    }
}
