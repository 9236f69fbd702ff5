#pragma once
// 127.0.0.1:`port` as the socket calls take it, for tests that open raw
// sockets (a connection of their own, a port held bound).

#include <arpa/inet.h>
#include <netinet/in.h>

namespace testing_support {

inline sockaddr_in loopback(unsigned short port) {
    sockaddr_in at{};
    at.sin_family = AF_INET;
    at.sin_port = htons(port);
    at.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return at;
}

}  // namespace testing_support
