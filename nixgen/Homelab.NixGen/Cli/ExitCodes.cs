namespace Homelab.NixGen.Cli;

/// <summary>The process exit codes of nixgen (documented in docs/nixgen.md).</summary>
internal static class ExitCodes
{
    /// <summary>Success: files written, or <c>--check</c> found no difference.</summary>
    public const int Ok = 0;

    /// <summary><c>--check</c>: the output directory differs from what the host file renders to.</summary>
    public const int Drift = 1;

    /// <summary>The host file is invalid; every problem was printed as <c>path:line:col: message</c>.</summary>
    public const int InvalidInput = 2;

    /// <summary>A file could not be read or written (missing host file, permissions, ...).</summary>
    public const int IoError = 3;

    /// <summary>The command line itself is wrong (unknown option, missing argument); sysexits EX_USAGE.</summary>
    public const int Usage = 64;

    /// <summary>A bug in nixgen (e.g. a template error); sysexits EX_SOFTWARE.</summary>
    public const int Internal = 70;
}
