package io.rpcboot.autoconfigure;

import org.springframework.beans.factory.aot.BeanRegistrationExcludeFilter;
import org.springframework.beans.factory.support.RegisteredBean;

import io.rpcboot.annotation.RpcClientScan;

/**
 * Leaves the {@link RpcClientScan} out of the code Spring AOT generates: it only tells
 * {@link RpcClientBeanRegistrar} where to look while configuration classes are processed,
 * and an AOT-processed application registers its client proxies from generated code.
 */
final class RpcClientScanAotExcludeFilter implements BeanRegistrationExcludeFilter {

    @Override
    public boolean isExcludedFromAotProcessing(RegisteredBean registeredBean) {
        return RpcClientScan.class.equals(registeredBean.getBeanClass());
    }

}
