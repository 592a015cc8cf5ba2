namespace Homelab.Testing;

/// <summary>
/// Writes executable scripts: shims that shadow a real tool on a test's PATH, wrappers around a
/// provider binary. One place for the file mode, so no test forgets it and runs into "permission denied".
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")] // Unix file modes
public static class Executable
{
    /// <summary>Writes <paramref name="script"/> (LF line endings) to <paramref name="path"/>, mode 0700; returns the path.</summary>
    public static string Write(string path, string script)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, script.ReplaceLineEndings("\n"));
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return path;
    }
}
