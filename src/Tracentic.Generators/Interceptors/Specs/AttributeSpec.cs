using Tracentic.Generators.Common;

namespace Tracentic.Generators.Interceptors.Specs;

/// <summary>
/// An attribute of the traced method's signature that the compiler or the trimmer reads (nullable flow, trimming,
/// ref safety), repeated on the wrapper so that it promises and requires exactly what the method does.
/// </summary>
/// <param name="Type">The attribute's <c>global::</c> type name.</param>
/// <param name="Arguments">Constructor arguments then <c>Name = value</c> pairs, each already a C# constant expression.</param>
internal sealed record AttributeSpec(string Type, EquatableArray<string> Arguments);
