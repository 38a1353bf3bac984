package io.rpcboot.benchmarks.mvc.server;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.rpcboot.benchmarks.api.Item;
import io.rpcboot.benchmarks.api.Workload;

@RestController
@RequestMapping("/bench")
class BenchController {

    @PostMapping("/echo")
    Item echo(@RequestBody Item item) {
        return item;
    }

    @GetMapping("/list")
    List<Item> list(@RequestParam("n") int n) {
        return Workload.items(n);
    }

}
