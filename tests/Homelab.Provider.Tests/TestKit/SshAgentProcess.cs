using System.Diagnostics;

namespace Homelab.Provider.Tests.TestKit;

/// <summary>A real <c>ssh-agent -D</c> on a private socket.</summary>
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
        var psi = new ProcessStartInfo("ssh-add") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        psi.ArgumentList.Add(keyFile);
        psi.Environment["SSH_AUTH_SOCK"] = Socket;
        using var p = Process.Start(psi)!;
        var err = p.StandardError.ReadToEnd();
        p.WaitForExit();
        Assert.True(p.ExitCode == 0, "ssh-add failed: " + err);
    }

    public void Dispose()
    {
        _process.Kill();
        _process.WaitForExit();
        _process.Dispose();
        _dir.Dispose();
    }
}
