using Homelab.NixGen.Rendering;

namespace Homelab.NixGen.Cli;

/// <summary>Writes rendered files into a directory, or compares them with what is there.</summary>
internal static class OutputDirectory
{
    /// <summary>Writes every file whose content differs; scripts get mode 0755. Returns the paths written.</summary>
    public static IReadOnlyList<string> Write(string directory, IReadOnlyList<OutputFile> files)
    {
        var written = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.RelativePath);
            if (File.Exists(path) && File.ReadAllText(path) == file.Content)
            {
                continue;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var temp = path + ".nixgen-tmp";
            File.WriteAllText(temp, file.Content);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temp, file.RelativePath.EndsWith(".sh", StringComparison.Ordinal)
                    ? UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute
                    : UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
            }

            File.Move(temp, path, overwrite: true);
            written.Add(file.RelativePath);
        }

        return written;
    }

    /// <summary>A unified diff per file that is missing or differs; empty when the directory is up to date.</summary>
    public static IReadOnlyList<string> Diff(string directory, IReadOnlyList<OutputFile> files)
    {
        var diffs = new List<string>();
        foreach (var file in files)
        {
            var path = Path.Combine(directory, file.RelativePath);
            var current = File.Exists(path) ? File.ReadAllText(path) : null;
            if (current != file.Content)
            {
                diffs.Add(LineDiff.Unified(current, file.Content, $"a/{file.RelativePath}", $"b/{file.RelativePath}"));
            }
        }

        return diffs;
    }
}
