using System.Text;

namespace Homelab.Testing;

/// <summary>One HTTP request as the fake ntfy server received it.</summary>
public sealed record NtfyRequest(string Method, string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}
