// Method constraints that reference the type's type parameters (where U : T) and each other.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

public class Store<T> where T : class
{
    [TracenticLlmCall(Provider = "probe")]
    public Reply Put<U, V>(U item, V list) where U : T where V : IEnumerable<U> => new();

    public void Use(T item) => Put(item, new List<T> { item });
}
