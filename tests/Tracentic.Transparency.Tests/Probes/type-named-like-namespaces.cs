// User types named System, Tracentic and Task shadow names generated code might use unqualified.
using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using Tracentic;

public sealed class Reply { public string Text { get; init; } = ""; }

namespace App
{
    public sealed class System { }
    public sealed class Tracentic { }
    public sealed class Task { }
    public sealed class Func { }
    public sealed class Exception { }

    public class Client
    {
        [global::Tracentic.TracenticLlmCall(Provider = "probe")]
        public global::System.Threading.Tasks.Task<Reply> Ask(Task t, Func f, Exception e) => global::System.Threading.Tasks.Task.FromResult(new Reply());

        public void Use() => Ask(new Task(), new Func(), new Exception());
    }
}
