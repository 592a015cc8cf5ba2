namespace Homelab.Provider.Host;

/// <summary>
/// Decides whether to trust a server's host key: a pinned SHA256 fingerprint, else a known_hosts
/// file, else refuse — unless the remote opted into <c>insecure_skip_host_key_check</c>. The
/// refusal reason is kept so the connection error can say exactly why and how to fix it.
/// </summary>
internal sealed class HostKeyPolicy(RemoteSettings settings)
{
    /// <summary>Why the last key was refused; null when it was trusted.</summary>
    public string? RefusalReason { get; private set; }

    /// <summary>
    /// <paramref name="fingerprintSha256"/>: unpadded base64 of SHA-256 over <paramref name="keyBlob"/>.
    /// </summary>
    public bool Trust(string keyType, byte[] keyBlob, string fingerprintSha256)
    {
        RefusalReason = null;
        var shown = $"{keyType} SHA256:{fingerprintSha256}";
        if (settings.HostKeyFingerprint is { } pinned)
        {
            if (NormaliseFingerprint(pinned) == fingerprintSha256)
            {
                return true;
            }
            RefusalReason = $"The host key of {settings.SshHost}:{settings.SshPort} is {shown}, but `host_key_fingerprint` pins {pinned}. If the host was reinstalled, check the new key out of band (`ssh-keygen -lf /etc/ssh/ssh_host_ed25519_key.pub` on the host) and update the pin.";
            return false;
        }
        if (settings.KnownHostsFile is { } file)
        {
            string[] lines;
            try
            {
                lines = File.ReadAllLines(file);
            }
            catch (IOException ex)
            {
                RefusalReason = $"The known_hosts file {file} cannot be read: {ex.Message}";
                return false;
            }
            catch (UnauthorizedAccessException ex)
            {
                RefusalReason = $"The known_hosts file {file} cannot be read: {ex.Message}";
                return false;
            }
            switch (KnownHosts.Check(lines, settings.SshHost!, settings.SshPort, keyBlob))
            {
                case KnownHosts.Verdict.Trusted:
                    return true;
                case KnownHosts.Verdict.Mismatch:
                    RefusalReason = $"HOST KEY MISMATCH: {file} lists other keys for {settings.SshHost}:{settings.SshPort}, but the server presented {shown}. Someone may be intercepting the connection, or the host was reinstalled; verify the key out of band before updating {file}.";
                    return false;
                case KnownHosts.Verdict.Revoked:
                    RefusalReason = $"The host key {shown} is marked @revoked in {file}.";
                    return false;
                default:
                    RefusalReason = $"{file} has no entry for {settings.SshHost}:{settings.SshPort} (key presented: {shown}). Add it after verifying it out of band (e.g. `ssh-keyscan -p {settings.SshPort} {settings.SshHost}`), or pin it with `host_key_fingerprint = \"SHA256:{fingerprintSha256}\"`.";
                    return false;
            }
        }
        if (settings.InsecureSkipHostKeyCheck)
        {
            return true;
        }
        RefusalReason = $"The remote \"{settings.Name}\" has no host key to check against, and unknown keys are refused. The server presented {shown}: set `host_key_fingerprint = \"SHA256:{fingerprintSha256}\"` after verifying it out of band, or `known_hosts_file`, or (for throwaway test hosts only) `insecure_skip_host_key_check = true`.";
        return false;
    }

    /// <summary>Accepts <c>SHA256:abc</c>, <c>abc</c>, with or without base64 padding.</summary>
    public static string NormaliseFingerprint(string fingerprint)
    {
        var f = fingerprint.Trim();
        if (f.StartsWith("SHA256:", StringComparison.OrdinalIgnoreCase))
        {
            f = f[7..];
        }
        return f.TrimEnd('=');
    }
}
