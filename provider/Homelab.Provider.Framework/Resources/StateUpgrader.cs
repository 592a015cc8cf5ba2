using Homelab.Provider.Framework.Diagnostics;
using Homelab.Provider.Framework.Values;

namespace Homelab.Provider.Framework.Resources;

/// <summary>
/// Upgrades a state of an older schema version: the stored JSON is decoded against
/// <paramref name="PriorType"/>, then <paramref name="Upgrade"/> returns a value of the current type.
/// </summary>
public sealed record StateUpgrader(TfType PriorType, Func<TfValue, DiagnosticBag, TfValue> Upgrade);
