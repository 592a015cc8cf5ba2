using Scriban;
using Scriban.Parsing;

namespace Homelab.NixGen.Rendering;

/// <summary>
/// A strict Scriban context for Nix output: unknown variables are errors, and every value a template
/// prints is written as a Nix literal through <see cref="Nix.Literal"/> (strings are always escaped and
/// quoted). Only <see cref="NixCode"/>, which <see cref="Nix"/> produced, is printed as is.
/// </summary>
internal sealed class NixTemplateContext : TemplateContext
{
    public NixTemplateContext()
    {
        StrictVariables = true;
        EnableRelaxedMemberAccess = false;
        EnableRelaxedTargetAccess = false;
        EnableRelaxedFunctionAccess = false;
        EnableRelaxedIndexerAccess = false;
        NewLine = "\n";
        MemberRenamer = member => member.Name;
        LoopLimit = 10_000;
    }

    public override TemplateContext Write(SourceSpan span, object? textAsObject)
    {
        Write(Nix.Literal(textAsObject));
        return this;
    }
}
