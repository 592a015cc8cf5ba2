namespace Homelab.Testing;

/// <summary>
/// A fresh non-root system user for a unit that runs with <c>User=</c> (the test kit's
/// <see cref="UnitRunner"/> switches to it with setpriv, as systemd would): created with
/// <c>useradd</c> (no home, no login shell, its own group) and removed with <c>userdel</c> on
/// dispose. Needs root, as the tests run.
/// </summary>
public sealed class UnitRunnerUser : IDisposable
{
    /// <param name="prefix">Start of the name (lowercase letters); a random suffix keeps parallel tests apart.</param>
    public UnitRunnerUser(string prefix = "hlu")
    {
        Name = prefix + Guid.NewGuid().ToString("N")[..10];
        ProcessRunner.Check("useradd", "--system", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", Name);
    }

    /// <summary>The user (and its primary group) name.</summary>
    public string Name { get; }

    /// <summary>The user's numeric id.</summary>
    public string Uid => ProcessRunner.Check("id", "-u", Name).Trim();

    /// <summary>Makes <paramref name="path"/> and everything below it the user's (<c>chown -R</c>).</summary>
    public void Own(string path) => ProcessRunner.Check("chown", "-R", Name + ":" + Name, path);

    public void Dispose() => ProcessRunner.Run("userdel", Name);
}
