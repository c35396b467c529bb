Console.WriteLine("ingest: TODO");
