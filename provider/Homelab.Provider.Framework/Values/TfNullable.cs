namespace Homelab.Provider.Framework.Values;

/// <summary>
/// <c>OrNull()</c>: a typed attribute as a C# nullable — the value when known, otherwise
/// <c>null</c> (null and unknown alike). For models of applied state, where nothing is unknown
/// and a null attribute is an absent setting.
/// </summary>
public static class TfNullableReference
{
    public static T? OrNull<T>(this Tf<T> value)
        where T : class => value.IsKnown ? value.Value : null;
}

/// <summary><c>OrNull()</c> for value types: <see cref="Nullable{T}"/> instead of <c>default</c>.</summary>
public static class TfNullableValue
{
    public static T? OrNull<T>(this Tf<T> value)
        where T : struct => value.IsKnown ? value.Value : null;
}
