namespace Homelab.Testing;

/// <summary>A fresh directory under the system temp dir, removed (best effort) on dispose.</summary>
public sealed class TempDir : IDisposable
{
    public TempDir(string prefix = "hl")
    {
        Path = Directory.CreateTempSubdirectory(prefix + "-").FullName;
    }

    public string Path { get; }

    public string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    /// <summary>Path of <paramref name="name"/> in the directory (not created).</summary>
    public string File(string name) => Combine(name);

    /// <summary>Writes <paramref name="content"/> to a relative path, creating folders; returns the full path.</summary>
    public string Write(string relative, string content)
    {
        var full = Combine(relative);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(full)!);
        System.IO.File.WriteAllText(full, content);
        return full;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a test that left a busy mount or a running process behind must not fail here.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
