using System.Net.Sockets;
using System.Text;
using Homelab.Provider.Framework.Hosting;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace Homelab.Provider.Host;

/// <summary>
/// Runs commands over one SSH connection (SSH.NET), opened on the first command and shared by all
/// concurrent RPCs of this process; each command is its own channel. argv becomes remote shell
/// text only through <see cref="ShellQuote"/>. Host keys are checked by <see cref="HostKeyPolicy"/>.
/// </summary>
internal sealed class SshConnection : IHostConnection
{
    /// <summary>
    /// OpenSSH's sshd allows 10 sessions (channels) per connection by default (sshd_config
    /// MaxSessions); stay below it so concurrent RPCs queue here instead of failing there.
    /// </summary>
    private const int MaxConcurrentChannels = 8;

    private readonly SemaphoreSlim _connectLock = new(1, 1);
    private readonly SemaphoreSlim _channels = new(MaxConcurrentChannels, MaxConcurrentChannels);
    private readonly HostKeyPolicy _hostKeys;
    private SshClient? _client;

    public SshConnection(RemoteSettings settings)
    {
        Settings = settings;
        _hostKeys = new HostKeyPolicy(settings);
    }

    public RemoteSettings Settings { get; }

    public async Task<CommandResult> RunAsync(HostCommand command, CancellationToken cancellationToken)
    {
        var client = await ConnectAsync(cancellationToken).ConfigureAwait(false);
        // Without input, stdin is /dev/null (SSH.NET sends no EOF for an input stream never written to).
        var text = "LC_ALL=C " + ShellQuote.Join(Settings.WithSudo(command)) + (command.Stdin is { Length: > 0 } ? "" : " </dev/null");
        var timeout = command.Timeout ?? Settings.CommandTimeout;
        PluginLog.Debug("host command", ("remote", Settings.Name), ("argv", command.ToString()));

        await _channels.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            using var timeoutCts = new CancellationTokenSource(timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutCts.Token);
            using var ssh = client.CreateCommand(text);
            try
            {
                var run = ssh.ExecuteAsync(linked.Token);
                if (command.Stdin is { Length: > 0 } stdin)
                {
                    // Disposing the stream sends EOF, so the command sees the end of its input.
                    using var input = ssh.CreateInputStream();
                    await input.WriteAsync(Encoding.UTF8.GetBytes(stdin), linked.Token).ConfigureAwait(false);
                }
                await run.ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested && timeoutCts.IsCancellationRequested)
            {
                throw new HostException("Command timed out",
                    $"`{command}` on remote \"{Settings.Name}\" did not finish within {timeout.TotalSeconds:0} s. Raise `command_timeout` on the remote if the host is just slow.");
            }
            catch (SshException ex)
            {
                throw new HostException("SSH command failed", $"Running `{command}` on remote \"{Settings.Name}\" failed: {ex.Message}", ex);
            }
            return new CommandResult(command, ssh.ExitStatus ?? -1, ssh.Result, ssh.Error);
        }
        finally
        {
            _channels.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _connectLock.WaitAsync().ConfigureAwait(false);
        try
        {
            if (_client is { } c)
            {
                if (c.IsConnected)
                {
                    c.Disconnect();
                }
                c.Dispose();
                _client = null;
            }
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private async Task<SshClient> ConnectAsync(CancellationToken cancellationToken)
    {
        if (_client is { IsConnected: true } ready)
        {
            return ready;
        }
        await _connectLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_client is { IsConnected: true } raced)
            {
                return raced;
            }
            _client?.Dispose();
            _client = null;
            var client = new SshClient(BuildConnectionInfo());
            client.HostKeyReceived += (_, e) =>
                e.CanTrust = _hostKeys.Trust(e.HostKeyName, e.HostKey, e.FingerPrintSHA256);
            try
            {
                using var timeout = new CancellationTokenSource(Settings.ConnectTimeout);
                using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
                await client.ConnectAsync(linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is SshException or SocketException or OperationCanceledException or IOException or TimeoutException)
            {
                client.Dispose();
                if (cancellationToken.IsCancellationRequested)
                {
                    throw;
                }
                throw Explain(ex);
            }
            PluginLog.Debug("ssh connected", ("remote", Settings.Name), ("address", Settings.Address));
            _client = client;
            return client;
        }
        finally
        {
            _connectLock.Release();
        }
    }

    private HostException Explain(Exception ex)
    {
        var where = $"{Settings.SshUser}@{Settings.SshHost}:{Settings.SshPort} (remote \"{Settings.Name}\")";
        if (_hostKeys.RefusalReason is { } reason)
        {
            return new HostException("SSH host key refused", reason, ex);
        }
        return ex switch
        {
            SshAuthenticationException => new HostException("SSH authentication failed",
                $"{where} refused the key: {ex.Message}. Check `private_key_file`/`private_key` and that the public key is in the user's authorized_keys.", ex),
            OperationCanceledException or SshOperationTimeoutException or TimeoutException => new HostException("SSH connection timed out",
                $"No SSH session to {where} within {Settings.ConnectTimeout.TotalSeconds:0} s. Check the address and that sshd listens there.", ex),
            _ => new HostException("SSH connection failed", $"Cannot connect to {where}: {ex.Message}", ex),
        };
    }

    private ConnectionInfo BuildConnectionInfo()
    {
        var keys = new List<IPrivateKeySource>();
        try
        {
            if (Settings.PrivateKey is { } inline)
            {
                var stream = new MemoryStream(Encoding.UTF8.GetBytes(inline.Replace("\r\n", "\n", StringComparison.Ordinal)));
                keys.Add(Settings.PrivateKeyPassphrase is { } pass ? new PrivateKeyFile(stream, pass) : new PrivateKeyFile(stream));
            }
            if (Settings.PrivateKeyFile is { } path)
            {
                keys.Add(Settings.PrivateKeyPassphrase is { } pass ? new PrivateKeyFile(path, pass) : new PrivateKeyFile(path));
            }
        }
        catch (Exception ex) when (ex is SshException or IOException or UnauthorizedAccessException or ArgumentException or InvalidOperationException or NotSupportedException)
        {
            throw new HostException("SSH private key unusable",
                $"The private key of remote \"{Settings.Name}\" cannot be loaded: {ex.Message}. Supported: OpenSSH and PEM keys (ed25519, ECDSA, RSA); give the passphrase in `private_key_passphrase` if it is encrypted.", ex);
        }
        if (Settings.AgentSocket is { } socket)
        {
            try
            {
                var agent = SshAgent.Connect(socket);
                if (agent.KeyCount > 0)
                {
                    keys.Add(agent);
                }
            }
            catch (Exception ex) when (ex is SshException or SocketException or IOException)
            {
                // An agent that cannot be reached is only fatal when it was the only way in.
                if (keys.Count == 0)
                {
                    throw new HostException("ssh-agent unusable",
                        $"The remote \"{Settings.Name}\" authenticates with the ssh-agent at {socket}, which cannot be used: {ex.Message}. Check SSH_AUTH_SOCK, or set `private_key_file`.", ex);
                }
            }
        }
        if (keys.Count == 0)
        {
            throw new HostException("No SSH key",
                $"The remote \"{Settings.Name}\" ({Settings.Address}) has no private key. Set `private_key_file` or `private_key` (or HOMELAB_PRIVATE_KEY_FILE), or load a key into the ssh-agent (`ssh-add`) and set `ssh_agent = true`.");
        }
        return new ConnectionInfo(Settings.SshHost!, Settings.SshPort, Settings.SshUser, new PrivateKeyAuthenticationMethod(Settings.SshUser, [.. keys]))
        {
            Timeout = Settings.ConnectTimeout,
        };
    }
}
