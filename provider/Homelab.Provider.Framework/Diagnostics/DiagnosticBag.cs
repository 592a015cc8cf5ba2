using System.Collections;

namespace Homelab.Provider.Framework.Diagnostics;

/// <summary>
/// Diagnostics collected while serving one call. Thread-safe, because a resource may validate
/// several attributes concurrently.
/// </summary>
public sealed class DiagnosticBag : IEnumerable<Diagnostic>
{
    private readonly List<Diagnostic> _items = [];
    private readonly Lock _lock = new();

    /// <summary>True when at least one <see cref="Severity.Error"/> diagnostic was added. Terraform fails the operation on any error; warnings alone do not.</summary>
    public bool HasErrors
    {
        get
        {
            lock (_lock)
            {
                return _items.Exists(d => d.Severity == Severity.Error);
            }
        }
    }

    /// <summary>The number of diagnostics added so far, errors and warnings together.</summary>
    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _items.Count;
            }
        }
    }

    /// <summary>Adds <paramref name="diagnostic"/> as it is; it is returned to the client with the response of the current call.</summary>
    /// <param name="diagnostic">The diagnostic to report.</param>
    public void Add(Diagnostic diagnostic)
    {
        lock (_lock)
        {
            _items.Add(diagnostic);
        }
    }

    /// <summary>Adds each of <paramref name="diagnostics"/> in order.</summary>
    /// <param name="diagnostics">The diagnostics to report.</param>
    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }

    /// <summary>Adds an error: the operation fails and Terraform shows <paramref name="summary"/> and <paramref name="detail"/>.</summary>
    /// <param name="summary">A short headline, e.g. "Invalid value".</param>
    /// <param name="detail">What is wrong and how to fix it.</param>
    /// <param name="path">The attribute the error belongs to, so the client points at that line of configuration; null for the whole resource.</param>
    public void AddError(string summary, string detail, AttrPath? path = null) =>
        Add(new Diagnostic(Severity.Error, summary, detail, path));

    /// <summary>Adds a warning: Terraform shows it but the operation goes on.</summary>
    /// <param name="summary">A short headline.</param>
    /// <param name="detail">What the user should know or change.</param>
    /// <param name="path">The attribute the warning belongs to; null for the whole resource.</param>
    public void AddWarning(string summary, string detail, AttrPath? path = null) =>
        Add(new Diagnostic(Severity.Warning, summary, detail, path));

    /// <summary>Enumerates a snapshot of the diagnostics in the order added; adding while enumerating is safe and does not affect the snapshot.</summary>
    /// <returns>An enumerator over the snapshot.</returns>
    public IEnumerator<Diagnostic> GetEnumerator()
    {
        lock (_lock)
        {
            return _items.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Every diagnostic on its own line (see <see cref="Diagnostic.ToString"/>); empty when there are none.</summary>
    /// <returns>The rendered diagnostics.</returns>
    public override string ToString() => string.Join(Environment.NewLine, this);
}
