namespace Homelab.Provider.Restic;

/// <summary>What opening a repository with the job's password showed.</summary>
internal enum RepositoryStatus
{
    /// <summary>Opened: the password is right, <see cref="RepositoryProbe.Id"/> is set.</summary>
    Ok,

    /// <summary>Nothing there (restic >= 0.17: exit code 10; 0.14: "unable to open config file … no such file").</summary>
    Missing,

    /// <summary>The repository exists but no key matches the password (restic >= 0.17: exit code 12).</summary>
    WrongPassword,

    /// <summary>The password file is missing, unreadable or empty.</summary>
    PasswordUnusable,

    /// <summary>The environment file (backend credentials) is missing or unreadable; restic was not run.</summary>
    EnvironmentUnusable,

    /// <summary>Anything else: network, DNS, TLS, authentication to the backend, permissions.</summary>
    Unreachable,
}
