using System.Globalization;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace Homelab.NixGen.Loading;

/// <summary>
/// Reads one YAML mapping with its dotted path (<c>disks.system</c>), reporting type errors, missing
/// keys and unknown keys to the <see cref="ErrorSink"/> with the line and column of the offending node.
/// A method that finds an error returns null (or the default) so loading carries on and reports more.
/// </summary>
internal sealed class MappingReader
{
    private readonly Dictionary<string, (YamlScalarNode Key, YamlNode Value)> _entries = new(StringComparer.Ordinal);
    private readonly ErrorSink _sink;

    private MappingReader(YamlMappingNode node, string path, ErrorSink sink)
    {
        Node = node;
        Path = path;
        _sink = sink;
        foreach (var (key, value) in node.Children)
        {
            if (key is not YamlScalarNode scalarKey || scalarKey.Value is null)
            {
                sink.Add(key, Messages.NotAScalar(Child("<key>")));
                continue;
            }

            if (!_entries.TryAdd(scalarKey.Value, (scalarKey, value)))
            {
                sink.Add(key, Messages.Duplicate(Child(scalarKey.Value)));
            }
        }
    }

    public YamlMappingNode Node { get; }

    public string Path { get; }

    /// <summary>Wraps <paramref name="node"/>, or reports that it is not a mapping and returns null.</summary>
    public static MappingReader? From(YamlNode node, string path, ErrorSink sink)
    {
        if (node is YamlMappingNode mapping)
        {
            return new MappingReader(mapping, path, sink);
        }

        sink.Add(node, Messages.NotAMapping(path));
        return null;
    }

    /// <summary>Like <see cref="From"/>, but a YAML null (<c>name:</c> with no value) is an empty section.</summary>
    public static MappingReader? MappingReaderOrEmpty(YamlNode node, string path, ErrorSink sink) =>
        IsNull(node) ? null : From(node, path, sink);

    public string Child(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public IEnumerable<(YamlScalarNode Key, YamlNode Value)> Entries => _entries.Values;

    /// <summary>True when the key is present, even with a null value (<c>tailscale:</c> turns Tailscale on).</summary>
    public bool Has(string key) => _entries.ContainsKey(key);

    /// <summary>Reports every key not in <paramref name="allowed"/>.</summary>
    public void RejectUnknown(IReadOnlyCollection<string> allowed)
    {
        foreach (var (key, _) in _entries.Values)
        {
            if (!allowed.Contains(key.Value!))
            {
                _sink.Add(key, Messages.Unknown(Path, key.Value!, allowed));
            }
        }
    }

    /// <summary>The node for <paramref name="key"/>, or null when absent or an explicit YAML null.</summary>
    public YamlNode? Raw(string key) =>
        _entries.TryGetValue(key, out var entry) && !IsNull(entry.Value) ? entry.Value : null;

    public string? String(string key, Regex? pattern = null, string? rule = null, string? fallback = null, bool required = false)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                _sink.Add(_entries.TryGetValue(key, out var entry) ? entry.Key : Node, Messages.Missing(Child(key)));
            }

            return fallback;
        }

        if (node is not YamlScalarNode scalar)
        {
            _sink.Add(node, Messages.NotAScalar(Child(key)));
            return null;
        }

        var value = scalar.Value ?? string.Empty;
        if (pattern is not null && !pattern.IsMatch(value))
        {
            _sink.Add(node, Messages.Pattern(Child(key), value, rule ?? $"it must match {pattern}"));
            return null;
        }

        return value;
    }

    public bool Bool(string key, bool fallback)
    {
        var value = String(key);
        switch (value)
        {
            case null:
                return fallback;
            case "true":
                return true;
            case "false":
                return false;
            default:
                _sink.Add(Raw(key)!, Messages.NotBool(Child(key), value));
                return fallback;
        }
    }

    public int Int(string key, int fallback, int min, int max)
    {
        var value = String(key);
        if (value is null)
        {
            return fallback;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var result) && result >= min && result <= max)
        {
            return result;
        }

        _sink.Add(Raw(key)!, Messages.NotInt(Child(key), value, min, max));
        return fallback;
    }

    public MappingReader? Mapping(string key, bool required = false)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                _sink.Add(_entries.TryGetValue(key, out var entry) ? entry.Key : Node, Messages.Missing(Child(key)));
            }

            return null;
        }

        return From(node, Child(key), _sink);
    }

    public YamlSequenceNode? Sequence(string key, bool required = false)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                _sink.Add(_entries.TryGetValue(key, out var entry) ? entry.Key : Node, Messages.Missing(Child(key)));
            }

            return null;
        }

        if (node is YamlSequenceNode sequence)
        {
            if (sequence.Children.Count == 0)
            {
                _sink.Add(node, Messages.Empty(Child(key)));
            }

            return sequence;
        }

        _sink.Add(node, Messages.NotASequence(Child(key)));
        return null;
    }

    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } scalar
        && (scalar.Value is null || scalar.Value.Length == 0 || scalar.Value == "~" || scalar.Value == "null");
}
