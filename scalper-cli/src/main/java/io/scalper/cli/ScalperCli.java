package io.scalper.cli;

public final class ScalperCli {
    public static void main(String[] args) {}
}
