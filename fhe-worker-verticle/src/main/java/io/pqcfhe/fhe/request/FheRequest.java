package io.pqcfhe.fhe.request;

/** A validated payload of one of the {@code fhe.*} actions. */
public sealed interface FheRequest
    permits SetupRequest, EncryptRequest, UploadRequest, DownloadRequest, ComputeRequest, DecryptRequest, ReleaseRequest {}
