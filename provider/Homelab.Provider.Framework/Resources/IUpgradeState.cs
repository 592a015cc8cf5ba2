namespace Homelab.Provider.Framework.Resources;

/// <summary>Upgrades state stored under an older schema version, one upgrader per prior version.</summary>
public interface IUpgradeState
{
    /// <summary>Key: the prior schema version. Each upgrader goes straight to the current version.</summary>
    IReadOnlyDictionary<long, StateUpgrader> StateUpgraders { get; }
}
