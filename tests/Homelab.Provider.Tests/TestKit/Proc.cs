using System.Diagnostics;

namespace Homelab.Provider.Tests.TestKit;

/// <summary>Runs a real program for test setup/inspection; throws with its stderr when it fails.</summary>
internal static class Proc
{
    public static (int ExitCode, string Stdout, string Stderr) Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdout.Result, stderr);
    }

    public static string Check(string program, params string[] args)
    {
        var (code, stdout, stderr) = Run(program, args);
        if (code != 0)
        {
            throw new InvalidOperationException($"{program} {string.Join(' ', args)} exited {code}: {stderr}");
        }
        return stdout;
    }
}
