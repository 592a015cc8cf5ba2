using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Homelab.NixGen.Loading;

/// <summary>Collects every error of one file so the user sees all of them at once, in file order.</summary>
internal sealed class ErrorSink(string file)
{
    private readonly List<LoadError> _errors = [];

    public string File { get; } = file;

    public bool HasErrors => _errors.Count > 0;

    public IReadOnlyList<LoadError> Errors =>
        [.. _errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ThenBy(e => e.Message, StringComparer.Ordinal)];

    public void Add(YamlNode node, string message) => Add(node.Start, message);

    public void Add(Mark mark, string message) =>
        _errors.Add(new LoadError(File, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column), message));
}
