namespace Homelab.Provider.Docs;

/// <summary>
/// Generated pages keyed by their path under docs/ ('/'-separated), schema problems that stop the
/// generator, and warnings (missing examples) that do not.
/// </summary>
internal sealed record DocsResult(
    IReadOnlyDictionary<string, string> Files,
    IReadOnlyList<string> Problems,
    IReadOnlyList<string> Warnings);
