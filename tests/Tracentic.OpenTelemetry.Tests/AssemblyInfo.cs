// Activity and meter listeners are process-wide: a test's listener would see another test's activities.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
