/** The yardstick of start-up: a JDK 25 "hello world". */
public class Hello {
    public static void main(String[] args) {
        System.out.println("hello world");
    }
}
