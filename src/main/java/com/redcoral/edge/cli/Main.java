package com.redcoral.edge.cli;
public class Main { public static void main(String[] a) {} }
