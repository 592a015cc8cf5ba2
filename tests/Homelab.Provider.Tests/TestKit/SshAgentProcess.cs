using System.Diagnostics;

namespace Homelab.Provider.Tests.TestKit;

/// <summary>
/// A real <c>ssh-agent -D</c> on a private socket. The agent runs for the fixture's lifetime, so it
/// keeps its own <see cref="Process"/> handle; one-shot commands go through <see cref="ProcessRunner"/>.
/// </summary>
internal sealed class SshAgentProcess : IDisposable
{
    private readonly TempDir _dir = new("hl-agent");
    private readonly Process _process;

    public SshAgentProcess()
    {
        Socket = _dir.File("agent.sock");
        var psi = new ProcessStartInfo("ssh-agent") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-D", "-a", Socket })
        {
            psi.ArgumentList.Add(a);
        }
        _process = Process.Start(psi)!;
        for (var i = 0; i < 100 && !File.Exists(Socket); i++)
        {
            Thread.Sleep(20);
        }
        Assert.True(File.Exists(Socket), "ssh-agent did not create its socket");
    }

    public string Socket { get; }

    public void Add(string keyFile)
    {
        var result = ProcessRunner.Run("ssh-add", [keyFile], environment: new Dictionary<string, string?> { ["SSH_AUTH_SOCK"] = Socket });
        Assert.True(result.ExitCode == 0, "ssh-add failed: " + result.Stderr);
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _dir.Dispose();
    }
}
