package io.rpcboot.benchmarks.rpcboot.server;

import io.rpcboot.annotation.RpcService;
import io.rpcboot.benchmarks.api.BlockingBenchService;
import io.rpcboot.benchmarks.api.WorkloadBenchService;

/**
 * The workload's service behind {@link BlockingBenchService}, exported by the rpcboot
 * server: the same computation as {@link ExportedBenchService}, run on the call executor
 * because that interface's methods are rpcboot's default (blocking) ones. Only that
 * interface is exported: {@code BenchService} is {@link ExportedBenchService}'s.
 */
@RpcService(interfaces = BlockingBenchService.class)
class ExportedBlockingBenchService extends WorkloadBenchService implements BlockingBenchService {

}
