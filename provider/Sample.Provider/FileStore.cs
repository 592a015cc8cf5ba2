using System.Security.Cryptography;
using System.Text;

namespace Example.Provider;

/// <summary>The provider's data: where files live, and how a name maps to a path.</summary>
internal sealed class FileStore(string directory)
{
    public string PathOf(string name) => Path.Combine(directory, name);

    public string? Read(string name) => File.Exists(PathOf(name)) ? File.ReadAllText(PathOf(name)) : null;

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a file.</summary>
    public void Write(string name, string content)
    {
        var temp = PathOf($".{name}.tmp");
        File.WriteAllText(temp, content);
        File.Move(temp, PathOf(name), overwrite: true);
    }

    public void Delete(string name) => File.Delete(PathOf(name));

    public static string Sha256(string content) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(content)));
}
