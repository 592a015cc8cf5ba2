using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Homelab.Provider.Tests.TestKit;

/// <summary>
/// A real OpenSSH server on 127.0.0.1 and a free port, with a generated host key and a generated
/// client key authorised for root. Started per fixture, killed on dispose.
/// </summary>
public sealed class Sshd : IDisposable
{
    private readonly TempDir _dir = new("hl-sshd");
    private readonly Process _process;

    public Sshd()
    {
        Directory.CreateDirectory("/run/sshd");
        HostKeyFile = _dir.File("host_ed25519");
        ClientKeyFile = _dir.File("client_ed25519");
        OtherKeyFile = _dir.File("other_ed25519");
        ProcessRunner.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", HostKeyFile);
        ProcessRunner.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", ClientKeyFile);
        ProcessRunner.Check("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", OtherKeyFile);
        File.Copy(ClientKeyFile + ".pub", _dir.File("authorized_keys"));
        Port = FreePort();
        var config = _dir.File("sshd_config");
        File.WriteAllText(config, $"""
            Port {Port}
            ListenAddress 127.0.0.1
            HostKey {HostKeyFile}
            PidFile {_dir.File("sshd.pid")}
            AuthorizedKeysFile {_dir.File("authorized_keys")}
            PermitRootLogin prohibit-password
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            MaxSessions 10
            MaxStartups 100
            LogLevel ERROR

            """);
        var psi = new ProcessStartInfo("/usr/sbin/sshd") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var a in new[] { "-D", "-e", "-f", config })
        {
            psi.ArgumentList.Add(a);
        }
        _process = Process.Start(psi)!;
        _process.ErrorDataReceived += (_, e) => { };
        _process.BeginErrorReadLine();
        WaitForPort();
        // "ssh-keygen -lf" prints "256 SHA256:xxxx comment (ED25519)".
        HostKeyFingerprint = ProcessRunner.Check("ssh-keygen", "-lf", HostKeyFile + ".pub").Split(' ')[1];
        var hostPub = File.ReadAllText(HostKeyFile + ".pub").Split(' ');
        KnownHostsFile = _dir.File("known_hosts");
        File.WriteAllText(KnownHostsFile, $"[127.0.0.1]:{Port} {hostPub[0]} {hostPub[1]}\n");
        var otherPub = File.ReadAllText(OtherKeyFile + ".pub").Split(' ');
        WrongKnownHostsFile = _dir.File("known_hosts_wrong");
        File.WriteAllText(WrongKnownHostsFile, $"[127.0.0.1]:{Port} {otherPub[0]} {otherPub[1]}\n");
        OtherKeyFingerprint = ProcessRunner.Check("ssh-keygen", "-lf", OtherKeyFile + ".pub").Split(' ')[1];
    }

    public int Port { get; }

    public string Address => $"ssh://root@127.0.0.1:{Port}";

    public string HostKeyFile { get; }

    public string ClientKeyFile { get; }

    /// <summary>A key that is neither the host key nor authorised: for wrong-key tests.</summary>
    public string OtherKeyFile { get; }

    public string HostKeyFingerprint { get; }

    public string OtherKeyFingerprint { get; }

    public string KnownHostsFile { get; }

    /// <summary>known_hosts listing a different key for this host (a man-in-the-middle situation).</summary>
    public string WrongKnownHostsFile { get; }

    public void Dispose()
    {
        try
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }
        catch (InvalidOperationException)
        {
        }
        _process.Dispose();
        _dir.Dispose();
    }

    private static int FreePort()
    {
        using var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        return ((IPEndPoint)l.LocalEndpoint).Port;
    }

    private void WaitForPort()
    {
        for (var i = 0; i < 100; i++)
        {
            try
            {
                using var c = new TcpClient();
                c.Connect(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                if (_process.HasExited)
                {
                    throw new InvalidOperationException($"sshd exited with {_process.ExitCode}");
                }
                Thread.Sleep(50);
            }
        }
        throw new TimeoutException("sshd did not listen");
    }
}
