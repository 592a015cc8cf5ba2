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

    public void Add(Diagnostic diagnostic)
    {
        lock (_lock)
        {
            _items.Add(diagnostic);
        }
    }

    public void AddRange(IEnumerable<Diagnostic> diagnostics)
    {
        foreach (var d in diagnostics)
        {
            Add(d);
        }
    }

    public void AddError(string summary, string detail, AttrPath? path = null) =>
        Add(new Diagnostic(Severity.Error, summary, detail, path));

    public void AddWarning(string summary, string detail, AttrPath? path = null) =>
        Add(new Diagnostic(Severity.Warning, summary, detail, path));

    public IEnumerator<Diagnostic> GetEnumerator()
    {
        lock (_lock)
        {
            return _items.ToList().GetEnumerator();
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public override string ToString() => string.Join(Environment.NewLine, this);
}
