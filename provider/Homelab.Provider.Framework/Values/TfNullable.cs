namespace Homelab.Provider.Framework.Values;

/// <summary>
/// <c>OrNull()</c>: a typed attribute as a C# nullable — the value when known, otherwise
/// <c>null</c> (null and unknown alike). For models of applied state, where nothing is unknown
/// and a null attribute is an absent setting.
/// </summary>
public static class TfNullableReference
{
    /// <summary>The value when known; <c>null</c> when null or unknown.</summary>
    /// <typeparam name="T">A reference type, e.g. <see cref="string"/>.</typeparam>
    /// <param name="value">The typed attribute.</param>
    /// <returns>The value, or null.</returns>
    public static T? OrNull<T>(this Tf<T> value)
        where T : class => value.IsKnown ? value.Value : null;
}

/// <summary><c>OrNull()</c> for value types: <see cref="Nullable{T}"/> instead of <c>default</c>.</summary>
public static class TfNullableValue
{
    /// <summary>The value when known; <c>null</c> (an empty <see cref="Nullable{T}"/>) when null or unknown, never <c>default(T)</c>, so 0 and false stay distinct from unset.</summary>
    /// <typeparam name="T">A value type, e.g. <see cref="long"/> or <see cref="bool"/>.</typeparam>
    /// <param name="value">The typed attribute.</param>
    /// <returns>The value, or null.</returns>
    public static T? OrNull<T>(this Tf<T> value)
        where T : struct => value.IsKnown ? value.Value : null;
}
