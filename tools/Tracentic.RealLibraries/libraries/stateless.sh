# Stateless: a generic state machine (StateMachine<TState, TTrigger>), sync and async paths (Task-returning
# actions and guards), nested generic classes, *.Designer.cs resource classes; TreatWarningsAsErrors, public-signed.
REPO=dotnet-state-machine/stateless
COMMIT=18c405df0eacfbbbc3e69160f8200ca8b5c0cbfe
ANNOTATE=(src/Stateless test/Stateless.Tests)
TEST_PROJECT=test/Stateless.Tests/Stateless.Tests.csproj
TEST_FRAMEWORK=net8.0      # of net462;net8.0;net9.0: the test host rolls forward to the installed .NET 10 runtime
CONFIGURATION=Release
# xunit 2.4.0 needs exactly xunit.assert 2.4.0, which is not served here: 2.4.1, the nearest.
PIN_PACKAGE=xunit=2.4.1
