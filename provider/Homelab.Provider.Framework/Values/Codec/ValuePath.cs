using System.Globalization;
using System.Text;

namespace Homelab.Provider.Framework.Values.Codec;

/// <summary>
/// The path of the value a codec is currently visiting, kept as a stack so that walking costs no
/// allocation; it is only rendered (Terraform notation: <c>.attr</c>, <c>["key"]</c>, <c>[0]</c>)
/// when something goes wrong.
/// </summary>
internal sealed class ValuePath
{
    private readonly List<Step> _steps = [];

    public void PushAttribute(string name) => _steps.Add(new Step(name, null, -1));

    public void PushKey(string key) => _steps.Add(new Step(null, key, -1));

    public void PushIndex(int index) => _steps.Add(new Step(null, null, index));

    public void Pop() => _steps.RemoveAt(_steps.Count - 1);

    public ValueCodecException Error(string detail, Exception? inner = null) => new(ToString(), detail, inner);

    public ArgumentException ArgumentError(string detail) =>
        new(_steps.Count == 0 ? detail : $"At {this}: {detail}");

    public override string ToString()
    {
        var sb = new StringBuilder();
        foreach (var step in _steps)
        {
            if (step.Attribute is not null)
            {
                sb.Append('.').Append(step.Attribute);
            }
            else if (step.Key is not null)
            {
                sb.Append("[\"");
                foreach (var c in step.Key)
                {
                    if (c is '"' or '\\')
                    {
                        sb.Append('\\');
                    }
                    sb.Append(c);
                }
                sb.Append("\"]");
            }
            else
            {
                sb.Append('[').Append(step.Index.ToString(CultureInfo.InvariantCulture)).Append(']');
            }
        }
        return sb.ToString();
    }

    private readonly record struct Step(string? Attribute, string? Key, int Index);
}
