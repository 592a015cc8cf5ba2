using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Homelab.Provider.Host;

namespace Homelab.Provider.Restic;

/// <summary>
/// Refresh opens each repository at most once per provider process and set of inputs: N jobs on
/// one B2 bucket cost one round trip, not N. The key is the repository, a hash of the password
/// and of the backend environment (their content, read from the host: two jobs with their own
/// copies of one password share a probe) and the extended options. Only refresh uses it; apply
/// always opens the repository itself. One instance per remote (<see cref="Remote.GetService{T}"/>).
/// </summary>
internal sealed class ResticProbeCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<RepositoryProbe>>> _probes = new(StringComparer.Ordinal);
    private readonly Remote _remote;
    private int _probesRun;

    private ResticProbeCache(Remote remote)
    {
        _remote = remote;
    }

    public static ResticProbeCache For(Remote remote) => remote.GetService(r => new ResticProbeCache(r));

    /// <summary>How many probes actually ran (for tests and the debug log).</summary>
    public int ProbesRun => Volatile.Read(ref _probesRun);

    /// <summary>The probe of <paramref name="repository"/>, shared with every other job that reaches it with the same inputs.</summary>
    public async Task<RepositoryProbe> ProbeAsync(ResticRepository repository, CancellationToken ct)
    {
        var access = repository.Access;
        var password = await ResticRepository.ReadHostFileAsync(_remote, access.PasswordFile, ct).ConfigureAwait(false);
        var environment = access.EnvironmentFile is { } env ? await ResticRepository.ReadHostFileAsync(_remote, env, ct).ConfigureAwait(false) : (Content: "", Problem: null);
        if (password.Content is null || environment.Content is null)
        {
            // Nothing to share: let restic (or the environment reader) say what is wrong.
            return await repository.ProbeAsync(locked: false, ct).ConfigureAwait(false);
        }
        var key = new StringBuilder()
            .Append(access.Repository).Append('\0')
            .Append(Hash(password.Content)).Append('\0')
            .Append(Hash(environment.Content)).Append('\0')
            .AppendJoin('\0', access.Options.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value))
            .ToString();
        var probe = _probes.GetOrAdd(key, _ => new Lazy<Task<RepositoryProbe>>(() =>
        {
            Interlocked.Increment(ref _probesRun);
            return repository.ProbeAsync(locked: false, CancellationToken.None);
        }));
        RepositoryProbe result;
        try
        {
            result = await probe.Value.WaitAsync(ct).ConfigureAwait(false);
        }
        catch (HostException)
        {
            _probes.TryRemove(KeyValuePair.Create(key, probe));
            throw;
        }
        if (result.Status is not (RepositoryStatus.Ok or RepositoryStatus.Missing or RepositoryStatus.WrongPassword))
        {
            // A transient failure (network) is not remembered: the next refresh asks again.
            _probes.TryRemove(KeyValuePair.Create(key, probe));
        }
        return result;
    }

    private static string Hash(string secret) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));
}
