package com.example.orders;

final class Placeholder {}
