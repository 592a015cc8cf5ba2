namespace Homelab.Testing;

/// <summary>Exit code and captured output of one process.</summary>
public sealed record ProcessResult(int ExitCode, string Stdout, string Stderr, TimeSpan Elapsed)
{
    public string Output => Stdout + Stderr;

    /// <summary><c>var (code, stdout, stderr) = ProcessRunner.Run(…)</c>.</summary>
    public void Deconstruct(out int exitCode, out string stdout, out string stderr)
    {
        exitCode = ExitCode;
        stdout = Stdout;
        stderr = Stderr;
    }

    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
