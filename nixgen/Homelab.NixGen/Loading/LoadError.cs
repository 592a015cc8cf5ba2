namespace Homelab.NixGen.Loading;

/// <summary>One problem in a host file, printed as <c>path:line:col: sentence saying how to fix it</c>.</summary>
internal sealed record LoadError(string File, int Line, int Column, string Message)
{
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}
