namespace Homelab.Provider.Kit;

/// <summary>
/// What <see cref="DatasetPlacement.ManageCheckAsync"/> found: sentences saying why datasets may
/// not be acted on (Incus owns them or something inside them), and the datasets that do not exist
/// (an error at apply for a sanoid policy, fine for a syncoid target that syncoid creates).
/// </summary>
internal sealed record ManageCheck(IReadOnlyList<string> Problems, IReadOnlyList<string> Missing);
